#!/usr/bin/env python3
"""How long `evrule lsp` takes to check a pack again after an edit.

Opens one rule file of a pack as an editor would, then sends ten full-text
changes, each followed by a request; the time from the change to the answer
is the time to reload and check the whole pack and publish its diagnostics.
Prints the median. Standard library only.

    cargo build --release
    python3 bench/lsp_latency.py rules/conflict battles.evr target/release/evrule
"""

import json
import os
import subprocess
import sys
import time


def main():
    pack, name, binary = sys.argv[1:4]
    root = os.path.abspath(pack)
    target = os.path.join(root, name)
    uri = "file://" + target
    server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def read():
        length = None
        while True:
            line = server.stdout.readline().strip()
            if not line:
                break
            if line.startswith(b"Content-Length:"):
                length = int(line.split()[1])
        return json.loads(server.stdout.read(length))

    def request(id_, method, params):
        send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})
        while True:
            message = read()
            if message.get("id") == id_:
                return message

    request(0, "initialize", {"capabilities": {}, "rootUri": "file://" + root})
    text = open(target, encoding="utf-8").read()
    at = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "evrule", "version": 1, "text": text}}})
    request(1, "textDocument/hover", at)
    print(f"open and first check: {(time.perf_counter() - start) * 1000:.0f} ms")
    times = []
    for version in range(2, 12):
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text + f"\n# edit {version}\n"}]}})
        request(100 + version, "textDocument/hover", at)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"edit to fresh diagnostics, median of 10: {times[len(times) // 2]:.0f} ms")
    request(999, "shutdown", None)
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait()


if __name__ == "__main__":
    main()
