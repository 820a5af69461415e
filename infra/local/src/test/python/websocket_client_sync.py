"""Python's websocket-client with its defaults (it sends Origin: http://{the API's host}), as Locust's WebSocket
users and many load scripts use it: opens the socket given, asks for a sync and prints each frame until a snapshot
answers. Exit 0 when one did; websocket-client's own exception (and exit 1) when the upgrade is refused."""
import sys

import websocket

socket = websocket.create_connection(sys.argv[1], timeout=10)
try:
    socket.send('{"action":"sync"}')
    while True:
        frame = socket.recv()
        print(frame, flush=True)
        if '"type":"snapshot"' in frame:
            break
finally:
    socket.close()
