#!/usr/bin/env python3
"""Lists Swift functions longer than a limit and files longer than another (house style:
functions <= ~80 lines, files <= ~600 lines, unless a doc comment says why).

A function's length counts its lines from the line that starts its declaration to the line
of its closing brace, both included; doc comments above it are not counted. Functions,
initializers, subscripts and deinitializers are measured, nested ones on their own too
(an outer function's count includes them). String literals and comments are ignored when
braces are matched.

Usage: tools/long_functions.py [--max-function 80] [--max-file 600] [path ...]
(default path: Sources). Prints one line per finding, longest first, and exits 0. A
function whose doc comment says why it is "one piece" is listed with "(says why)".
"""

import argparse
import os
import re
import sys

DECLARATION = re.compile(
    r"(^|[\s)])(func\s+[^\s(<]+|init[?!]?\s*[(<]|deinit\b|subscript\s*[(<])")
CONTINUES = ("->", "throws", "rethrows", "async", "where", "{", ")")


def code_lines(text):
    """Each line with comments and string literals blanked out (same line count)."""
    out = []
    in_block_comment = 0
    in_multiline_string = False
    for line in text.split("\n"):
        result = []
        i = 0
        while i < len(line):
            if in_multiline_string:
                end = line.find('"""', i)
                if end < 0:
                    i = len(line)
                else:
                    in_multiline_string = False
                    i = end + 3
                continue
            if in_block_comment:
                end = line.find("*/", i)
                start = line.find("/*", i)
                if start >= 0 and (end < 0 or start < end):
                    in_block_comment += 1
                    i = start + 2
                elif end >= 0:
                    in_block_comment -= 1
                    i = end + 2
                else:
                    i = len(line)
                continue
            if line.startswith("//", i):
                break
            if line.startswith("/*", i):
                in_block_comment = 1
                i += 2
                continue
            if line.startswith('"""', i):
                in_multiline_string = True
                i += 3
                continue
            if line[i] == '"':
                # A one-line string: skip to its closing quote, honouring escapes and
                # ignoring interpolations' braces.
                i += 1
                while i < len(line) and line[i] != '"':
                    i += 2 if line[i] == "\\" else 1
                i += 1
                result.append('""')
                continue
            result.append(line[i])
            i += 1
        out.append("".join(result))
    return out


def explains_itself(raw_lines, index):
    """Whether the doc comment above line `index` says why the function is one piece."""
    row = index - 1
    while row >= 0 and raw_lines[row].strip().startswith(("@", "///")):
        if "one piece" in raw_lines[row].lower():
            return True
        row -= 1
    return False


def functions(path):
    """Yields (start line, length, name) for every function body in the file."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    raw_lines = text.split("\n")
    lines = code_lines(text)
    for index, line in enumerate(lines):
        match = DECLARATION.search(line)
        if not match:
            continue
        name = match.group(2).strip().rstrip("(<").strip()
        parens = 0
        depth = 0
        opened = False
        row = index
        column = match.start(2)
        end = None
        while row < len(lines) and end is None:
            text = lines[row]
            position = column if row == index else 0
            while position < len(text):
                char = text[position]
                if char in "([":
                    parens += 1
                elif char in ")]":
                    parens -= 1
                elif char == "{" and (parens == 0 or opened):
                    depth += 1
                    opened = True
                elif char == "}" and opened:
                    depth -= 1
                    if depth == 0:
                        end = row
                        break
                position += 1
            if end is not None or opened:
                row += 1
                continue
            # The signature ended without a body (a protocol requirement)?
            if parens == 0:
                following = row + 1
                while following < len(lines) and not lines[following].strip():
                    following += 1
                if following >= len(lines) or not lines[following].strip().startswith(CONTINUES):
                    break
            row += 1
        if end is not None:
            if explains_itself(raw_lines, index):
                name += " (says why)"
            yield index + 1, end - index + 1, name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-function", type=int, default=80)
    parser.add_argument("--max-file", type=int, default=600)
    parser.add_argument("paths", nargs="*", default=["Sources"])
    arguments = parser.parse_args()
    files = []
    for root in arguments.paths:
        if os.path.isfile(root):
            files.append(root)
            continue
        for folder, _, names in os.walk(root):
            files += [os.path.join(folder, n) for n in names if n.endswith(".swift")]
    long_functions = []
    long_files = []
    for path in sorted(files):
        with open(path, encoding="utf-8") as handle:
            count = handle.read().count("\n")
        if count > arguments.max_file:
            long_files.append((count, path))
        for start, length, name in functions(path):
            if length > arguments.max_function:
                long_functions.append((length, f"{path}:{start}", name))
    for length, place, name in sorted(long_functions, key=lambda f: (-f[0], f[1])):
        print(f"function {length:4d} lines  {place}  {name}")
    for count, path in sorted(long_files, reverse=True):
        print(f"file     {count:4d} lines  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
