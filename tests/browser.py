"""Drive headless Chromium (Debian's ``/usr/bin/chromium``) from tests and benchmarks.

Shared helper: any test may use it. Playwright's Python package drives the system Chromium
(``executable_path``); ``playwright install`` is never needed (nor possible offline).

    from browser import chromium_or_skip

    with chromium_or_skip() as browser:
        visit = browser.open(path)          # waits for the load event
        visit.page.evaluate("1 + 1")
        visit.assert_clean()                # no JS error, no request off the machine, no alert

Every request whose URL is not ``file:``, ``data:`` or ``blob:`` is recorded and aborted, so
a page can never reach the network during a test. Console errors, uncaught exceptions and
dialogs (``alert``/``confirm``/``prompt``) are recorded too; dialogs are dismissed.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def unavailable_reason() -> str | None:
    """Why Chromium cannot be driven here, or None when it can."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the machine
        return f"the playwright Python package is missing ({exc}); pip install playwright"
    return None


@dataclass
class Visit:
    """One page opened in Chromium, with everything it did that a test may object to."""

    page: object
    url: str
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    title_at_load: str = ""

    def problems(self) -> list[str]:
        out = [f"request off the machine: {u}" for u in self.external_requests]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught exception: {m}" for m in self.page_errors]
        out += [f"dialog opened: {m}" for m in self.dialogs]
        return out

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, f"{self.url}:\n  " + "\n  ".join(problems)

    def evaluate(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.page.close()


class Browser:
    """A running headless Chromium; open pages with :meth:`open`."""

    def __init__(self, playwright, browser, viewport: dict):
        self._pw = playwright
        self._browser = browser
        self._viewport = viewport
        self._context = browser.new_context(
            viewport=viewport, java_script_enabled=True, service_workers="block"
        )

    def open(
        self,
        target,
        *,
        wait_ready: str | None = "document.body.dataset.ready === '1'",
        timeout_ms: int = 60_000,
    ) -> Visit:
        """Open a file path or URL; wait for ``load`` and then for ``wait_ready`` (a JS
        expression; None to skip)."""
        url = (
            Path(target).resolve().as_uri()
            if not str(target).startswith(("file:", "http:", "https:", "data:", "about:"))
            else str(target)
        )
        page = self._context.new_page()
        visit = Visit(page=page, url=url)

        def on_request(request):
            if not request.url.startswith(LOCAL_SCHEMES):
                visit.external_requests.append(request.url)

        def on_route(route):
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        def on_dialog(dialog):
            visit.dialogs.append(f"{dialog.type}: {dialog.message}")
            try:
                dialog.dismiss()
            except Exception:  # pragma: no cover - page already gone
                pass

        page.on("request", on_request)
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("dialog", on_dialog)
        page.route("**/*", on_route)
        page.goto(url, wait_until="load", timeout=timeout_ms)
        if wait_ready:
            page.wait_for_function(wait_ready, timeout=timeout_ms)
        visit.title_at_load = page.title()
        return visit

    def close(self) -> None:
        try:
            self._context.close()
            self._browser.close()
        finally:
            self._pw.stop()


@contextmanager
def chromium(viewport: dict | None = None) -> Iterator[Browser]:
    """Launch headless Chromium (raises when it cannot be had)."""
    from playwright.sync_api import sync_playwright

    reason = unavailable_reason()
    if reason:
        raise RuntimeError(reason)
    pw = sync_playwright().start()
    try:  # Playwright gives the browser a fresh temporary profile of its own
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    b = Browser(pw, browser, viewport or {"width": 1280, "height": 900})
    try:
        yield b
    finally:
        b.close()


@contextmanager
def chromium_or_skip(viewport: dict | None = None) -> Iterator[Browser]:
    """:func:`chromium`, or ``pytest.skip`` with the reason when Chromium cannot be had."""
    import pytest

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    try:
        cm = chromium(viewport)
        b = cm.__enter__()
    except Exception as exc:  # launch failed: say why
        pytest.skip(f"cannot launch Chromium at {CHROMIUM}: {exc}")
    try:
        yield b
    finally:
        cm.__exit__(None, None, None)
