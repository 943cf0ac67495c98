"""HUD's System Performance Measures for a whole CoC (docs/decisions/0063-spm-in-memory-stays.md)."""
