"""Use cases. They reach storage and files only through the ports in services.ports."""
