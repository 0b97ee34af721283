#!/usr/bin/env python3
"""Writes the stance(1) man page from the CLI's own help.

Usage: tools/man_page.py STANCE > stance.1

The source is `STANCE --experimental-dump-help` (swift-argument-parser's description of
every command, option, default and help text: what `stance --help` prints) and
`STANCE --version`, so the page cannot drift from the help. swift-argument-parser's
generate-manual plugin would do the same, but it first rebuilds every product of the
package in a configuration of its own; this script only runs the binary.
"""

import json
import subprocess
import sys


def roff(text):
    """Escapes text for roff: backslashes, and a leading dot or quote on any line."""
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def option_name(name):
    dashes = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
    return "\\fB" + (dashes + name["name"]).replace("-", "\\-") + "\\fR"


def argument_entry(argument):
    """One .TP entry for an option, flag or positional argument."""
    value = argument.get("valueName", "")
    if argument["kind"] == "positional":
        head = "\\fI" + roff(value) + "\\fR"
        if argument.get("isRepeating"):
            head += " ..."
    else:
        head = ", ".join(option_name(name) for name in argument.get("names", []))
        if argument["kind"] == "option":
            head += " \\fI" + roff(value) + "\\fR"
    body = argument.get("abstract", "")
    if argument.get("discussion"):
        body += "\n" + argument["discussion"]
    extras = []
    if argument.get("allValues") and argument["kind"] == "option":
        extras.append("values: " + ", ".join(argument["allValues"]))
    if argument.get("defaultValue") not in (None, ""):
        extras.append("default: " + argument["defaultValue"])
    if extras:
        body += " (" + "; ".join(extras) + ")"
    return ".TP\n" + head + "\n" + roff(body) + "\n"


def command_section(command):
    name = command["commandName"]
    out = [".SS \"stance " + name + "\"\n", roff(command.get("abstract", "")) + "\n"]
    if command.get("discussion"):
        out.append(".PP\n" + roff(command["discussion"]) + "\n")
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        if argument.get("preferredName", {}).get("name") in ("help", "version"):
            continue
        out.append(argument_entry(argument))
    return "".join(out)


def page(info, version):
    root = info["command"]
    commands = [
        command for command in root.get("subcommands", [])
        if command.get("shouldDisplay", True) and command["commandName"] != "help"
    ]
    out = [
        '.TH STANCE 1 "" "stance ' + version + '" "User Commands"\n',
        ".SH NAME\nstance \\- " + roff(root.get("abstract", "")) + "\n",
        ".SH SYNOPSIS\n.B stance\n\\fIcommand\\fR [\\fIoptions\\fR]\n",
    ]
    if root.get("discussion"):
        out.append(".SH DESCRIPTION\n" + roff(root["discussion"]) + "\n")
    out.append(".SH COMMANDS\n")
    for command in commands:
        out.append(command_section(command))
    out.append(
        ".SH ENVIRONMENT\n.TP\n.B STANCE_MODELS\n"
        "The folder of the shipped models (stance.stance, sentiment.stance) used without "
        "\\fB\\-\\-model\\fR; by default \\fIPREFIX/share/stance/models\\fR next to the "
        "installed binary.\n"
        ".SH EXIT STATUS\n0 success; 64 bad usage; 65 malformed data; 66 input missing or "
        "unreadable; 73 cannot create output; 74 input/output error.\n"
        ".SH SEE ALSO\n\\fBstance help\\fR \\fIcommand\\fR prints the same text as this page, "
        "one command at a time.\n"
    )
    return "".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tools/man_page.py STANCE > stance.1")
    binary = sys.argv[1]
    info = json.loads(
        subprocess.run(
            [binary, "--experimental-dump-help"], check=True, capture_output=True
        ).stdout)
    version = subprocess.run(
        [binary, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    sys.stdout.write(page(info, version))


if __name__ == "__main__":
    main()
