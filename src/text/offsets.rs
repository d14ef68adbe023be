//! Byte offsets to character offsets.
//!
//! Records carry byte offsets into the UTF-8 document (cheap to produce, and
//! exact for Rust, Go or any byte-oriented reader). Python strings, pandas
//! and spreadsheets index by character (Unicode scalar value), so front ends
//! that hand records to them convert with a [`CharOffsets`] built once per
//! document.

/// A byte → character offset map for one text.
///
/// It stores one entry per non-ASCII character, so building it is one pass
/// over the text and costs nothing for ASCII text; a lookup is a binary
/// search over the non-ASCII characters before the offset.
#[derive(Debug, Clone, Default)]
pub struct CharOffsets {
    /// For each non-ASCII character: the byte offset just after it and how
    /// many more bytes than characters the text has up to there.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (start, ch) in text.char_indices() {
            let width = ch.len_utf8();
            if width > 1 {
                extra += width - 1;
                wide.push((start + width, extra));
            }
        }
        CharOffsets {
            wide,
            len: text.len(),
        }
    }

    /// Whether byte and character offsets are the same (ASCII text).
    pub fn is_identity(&self) -> bool {
        self.wide.is_empty()
    }

    /// The character offset of a byte offset. An offset inside a character
    /// counts as that character's start; one past the end of the text is
    /// clamped to the end.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Entries whose character ends at or before `byte` are fully counted.
        let before = self.wide.partition_point(|&(end, _)| end <= byte);
        let extra = before.checked_sub(1).map_or(0, |i| self.wide[i].1);
        let char_index = byte - extra;
        // Inside a multi-byte character: back to its start.
        match self.wide.get(before) {
            Some(&(end, next_extra)) if byte < end => {
                let width = next_extra - extra + 1;
                let start = end - width;
                if byte > start {
                    start - extra
                } else {
                    char_index
                }
            }
            _ => char_index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte offset on a character boundary maps to the number of
    /// characters before it, as Python's `len(text[:i])` would say.
    fn check(text: &str) {
        let offsets = CharOffsets::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_offset(byte), chars, "byte {byte} of {text:?}");
        }
        assert_eq!(offsets.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_the_identity() {
        let offsets = CharOffsets::new("Rebels shelled Aleppo.");
        assert!(offsets.is_identity());
        assert_eq!(offsets.char_offset(7), 7);
        assert_eq!(offsets.char_offset(22), 22);
        check("Rebels shelled Aleppo.");
        check("");
    }

    #[test]
    fn multi_byte_characters_count_once() {
        check("Troops entered Ħamāh and Þórshöfn — 40 killed 🙁 in Łódź.");
        check("é");
        check("🙁🙁a🙁");
        let text = "Forces near Zaïre attacked";
        let offsets = CharOffsets::new(text);
        let byte = text.find("attacked").unwrap();
        assert_eq!(offsets.char_offset(byte), 18);
        assert_eq!(&text.chars().skip(18).collect::<String>(), "attacked");
    }

    #[test]
    fn an_offset_inside_a_character_is_its_start_and_past_the_end_is_clamped() {
        let text = "aé🙁b";
        let offsets = CharOffsets::new(text);
        assert_eq!(offsets.char_offset(2), 1); // inside é (bytes 1..3)
        assert_eq!(offsets.char_offset(4), 2); // inside 🙁 (bytes 3..7)
        assert_eq!(offsets.char_offset(6), 2);
        assert_eq!(offsets.char_offset(7), 3);
        assert_eq!(offsets.char_offset(100), 4);
    }
}
