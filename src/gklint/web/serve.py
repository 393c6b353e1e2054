"""`gklint web serve`: the built folder on http://127.0.0.1:PORT/ (Pyodide does not run from
file://), for one officer on one machine. Only the loopback address is bound: nothing on the
network can reach it."""

from __future__ import annotations

import functools
import http.server
import webbrowser
from pathlib import Path

from .fetch import BuildError

# Served whatever the platform's MIME table says: browsers refuse modules and streamed wasm otherwise.
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".html": "text/html; charset=utf-8", ".css": "text/css",
         ".whl": "application/zip", ".zip": "application/zip"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")  # revalidate: a rebuilt folder is seen at once
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def list_directory(self, path):  # only the app's files, never a listing
        self.send_error(404)
        return None

    def log_message(self, format, *args):  # the officer's terminal shows the address, not each request
        pass


def make_server(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as e:
        raise BuildError("web:port-busy", port=port, error=e.strerror or str(e)) from None


def serve(folder: Path, port: int, open_browser: bool, say) -> int:
    server = make_server(folder, port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    say("web:serving", url=url)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
