"""The routes of the web application, one module per area; each route names itself in
web/permissions.py."""
