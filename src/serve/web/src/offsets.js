// The API speaks in byte offsets (UTF-8), as event records do; the page
// in JavaScript string indices (UTF-16 code units). One table per text.

export class Offsets {
  constructor(text) {
    this.text = text;
    // utf16[byte] for every byte offset that starts a character (and the end).
    this.toUtf16 = new Map();
    let byte = 0;
    let index = 0;
    for (const ch of text) {
      this.toUtf16.set(byte, index);
      const code = ch.codePointAt(0);
      byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      index += ch.length;
    }
    this.toUtf16.set(byte, index);
    this.bytes = byte;
  }

  /** The string index of a byte offset (clamped; inside a character: its start). */
  index(byte) {
    if (byte >= this.bytes) return this.text.length;
    let b = Math.max(0, byte);
    while (!this.toUtf16.has(b)) b -= 1;
    return this.toUtf16.get(b);
  }
}
