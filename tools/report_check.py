#!/usr/bin/env python3
"""Renders StanceKit's HTML reports in headless Chromium and checks them (make report-check).

For each page: load it from a file: URL through the DevTools protocol (over a pipe, so
no port and no third-party package), then fail when the browser

  - requested anything but the page itself (a network request),
  - logged a console error, a CSP violation or an uncaught exception,
  - rendered a blank page (no text, no chart, or a screenshot of a single colour).

Each page is saved as a PNG screenshot next to it (FILE.html -> FILE.png) for a person
to look at. Standard library only; exits 1 on the first failing page, 2 when no browser
is found.

A standalone chart (FILE.svg) is only parsed: it must be well-formed XML whose root is
an <svg> in the SVG namespace, with at least one shape.

usage: report_check.py PAGE.html|CHART.svg ...
"""

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree
import zlib

BROWSERS = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]
WIDTH = 1200
MAX_HEIGHT = 7000
TIMEOUT = 60.0


class Browser:
    """A headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, executable):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="report-check-")
        arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu",
            "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + self.profile, "about:blank",
        ]

        def arrange_descriptors():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            arguments, pass_fds=(3, 4), preexec_fn=arrange_descriptors,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        """Sends one command and returns its result, keeping the events that arrive first."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(time.monotonic() + TIMEOUT)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        """The next message from the browser."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise TimeoutError("the browser did not answer in time")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session, seconds):
        """Waits until an event arrives (True) or the time is up (False)."""
        deadline = time.monotonic() + seconds
        while True:
            if any(e.get("method") == method and e.get("sessionId") == session
                   for e in self.events):
                return True
            if time.monotonic() > deadline:
                return False
            try:
                self.events.append(self.receive(deadline))
            except TimeoutError:
                return False

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_pixels(data):
    """Width, height and rows of RGB(A) bytes of an 8-bit PNG (what Chromium writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type = header[:4]
    if depth != 8 or colour_type not in (2, 6):
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour_type}")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def ink_share(png):
    """The share of pixels that are not near-white."""
    width, height, channels, rows = png_pixels(png)
    inked = total = 0
    for row in rows:
        for x in range(0, width * channels, channels):
            total += 1
            if min(row[x], row[x + 1], row[x + 2]) < 200:
                inked += 1
    return inked / max(total, 1)


DOM_CHECK = """(() => {
  const charts = [...document.querySelectorAll('svg')];
  const drawn = charts.filter(s => { const r = s.getBoundingClientRect();
    return r.width > 50 && r.height > 50 && s.querySelectorAll('rect,line,polyline,circle').length > 0; });
  return JSON.stringify({text: document.body.innerText.length, charts: charts.length,
    drawn: drawn.length, scripts: document.scripts.length,
    height: Math.ceil(document.documentElement.scrollHeight)});
})()"""


def problems_of(events, session, page_url):
    """The network requests and console errors among a page's events."""
    found = []
    for event in events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != page_url:
                found.append(f"network request: {url}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            found.append("console error: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            found.append("exception: " + params.get("exceptionDetails", {}).get("text", ""))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            found.append(f"console error ({entry.get('source')}): {entry.get('text')}")
    return found


def check(browser, path):
    """Loads one page, returns (problems, summary line)."""
    url = "file://" + os.path.abspath(path)
    with open(path, encoding="utf-8") as page:
        html = page.read()
    problems = []
    lowered = html.lower()
    for needle in ("<script", "<img", "<link", "<iframe", "http://", "https://", "url(",
                   "@import"):
        if needle in lowered:
            problems.append(f"the HTML contains {needle!r}")
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send(
        "Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Network", "Runtime", "Log", "Page"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    browser.events.clear()
    browser.send("Page.navigate", {"url": url}, session=session)
    if not browser.wait_for("Page.loadEventFired", session, TIMEOUT):
        problems.append("the page did not finish loading")
    browser.wait_for("never", session, 1.0)  # collect late requests and messages
    facts = json.loads(browser.send(
        "Runtime.evaluate", {"expression": DOM_CHECK, "returnByValue": True},
        session=session)["result"]["value"])
    height = min(max(facts["height"], 600), MAX_HEIGHT)
    shot = browser.send("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}},
        session=session)
    with open(os.path.splitext(path)[0] + ".png", "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    # The blank test decodes a quarter-scale shot of the first screen (pure Python is slow).
    thumbnail = browser.send("Page.captureScreenshot", {
        "format": "png", "clip": {"x": 0, "y": 0, "width": WIDTH, "height": 900, "scale": 0.25}},
        session=session)
    problems += problems_of(browser.events, session, url)
    ink = ink_share(base64.b64decode(thumbnail["data"]))
    if facts["text"] < 200:
        problems.append(f"blank page: only {facts['text']} characters of text")
    if facts["charts"] == 0:
        problems.append("no chart in the page")
    elif facts["drawn"] < facts["charts"]:
        problems.append(f"{facts['charts'] - facts['drawn']} of {facts['charts']} charts are empty")
    if ink < 0.005:
        problems.append(f"blank screenshot: {ink:.4f} of its pixels are not white")
    if facts["scripts"]:
        problems.append(f"{facts['scripts']} scripts in the page")
    browser.send("Target.closeTarget", {"targetId": target})
    summary = (f"{path}: {facts['text']} characters, {facts['charts']} charts, "
               f"{height}px screenshot, {ink:.1%} ink")
    return problems, summary


def check_svg(path):
    """Parses one standalone chart; returns (problems, summary line)."""
    try:
        root = xml.etree.ElementTree.parse(path).getroot()
    except xml.etree.ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"], path
    namespace = "{http://www.w3.org/2000/svg}"
    problems = [] if root.tag == namespace + "svg" else [f"the root is {root.tag}, not svg"]
    shapes = sum(1 for element in root.iter()
                 if element.tag[len(namespace):] in ("rect", "line", "polyline", "circle"))
    if shapes == 0:
        problems.append("no shape drawn")
    return problems, f"{path}: {shapes} shapes"


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 64
    executable = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if executable is None:
        print("report_check: no headless Chromium found (make report-check installs "
              "chromium-headless-shell)", file=sys.stderr)
        return 2
    browser = Browser(executable)
    failed = False
    try:
        for path in paths:
            if path.endswith(".svg"):
                problems, summary = check_svg(path)
            else:
                problems, summary = check(browser, path)
            print(("FAIL " if problems else "ok   ") + summary)
            for problem in problems:
                print("     " + problem)
            failed = failed or bool(problems)
    finally:
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
