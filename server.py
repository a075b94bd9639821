"""ASGI entry point for `uvicorn server:app`: the advisor with settings from ADVISOR_* variables.

`advisor serve` does the same with command-line flags; building the app opens nothing, the
index and models load when the server starts.
"""

from advisor.api import create_app

app = create_app()
