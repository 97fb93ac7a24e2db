"""The web application: a second caller of the same front doors as the command line
(docs/adr/0018-web-application.md). `create_app` in web/app.py builds it."""
