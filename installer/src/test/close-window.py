#!/usr/bin/python3
"""Asks an X11 window to close the way a window manager would: a WM_DELETE_WINDOW client message.

The smoke test runs the app under Xvfb with no window manager, and xdotool 3.2016 (Debian 12) has no windowclose;
this is what a user's click on the close button sends. Usage: close-window.py WINDOW_ID (decimal, as xdotool prints).
Needs python3-xlib.

It waits for the X server to have processed the request (a round trip, d.sync()) before it disconnects. A plain
flush-and-close loses the message now and then: when the server's poll reports the connection readable and hung up at
once (EPOLLIN|EPOLLHUP), Xvfb closes the client without reading what it sent, so the window never hears of it. Xlib's
XCloseDisplay syncs for this reason; python-xlib's close() only flushes. See docs/decisions/close-requests.md.
"""
import sys

from Xlib import X, display
from Xlib.protocol import event


def main() -> int:
    window_id = int(sys.argv[1])
    d = display.Display()
    window = d.create_resource_object("window", window_id)
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    message = event.ClientMessage(window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    window.send_event(message, event_mask=X.NoEventMask)
    d.sync()
    d.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
