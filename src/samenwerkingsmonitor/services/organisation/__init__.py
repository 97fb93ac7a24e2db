"""The organisation file: check it, register it as a version, load the registered one."""
