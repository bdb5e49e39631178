"""xnkc (咸宁科创): indicator calculator for the Xianning three-year S&T action plan (2024—2026)."""

__version__ = "0.1.0"
