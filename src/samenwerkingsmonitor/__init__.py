"""samenwerkingsmonitor: toets en volg ambtelijke samenwerking tussen gemeenten."""

__version__ = "0.1.0"
__all__ = ["__version__"]
