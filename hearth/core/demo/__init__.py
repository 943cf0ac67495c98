"""Synthetic demo data for a Los Angeles-like Continuum of Care (``hearth generate_demo_data``)."""

from hearth.core.demo.generator import DEFAULT_TODAY, DemoDataError, Result, generate

__all__ = ["DEFAULT_TODAY", "DemoDataError", "Result", "generate"]
