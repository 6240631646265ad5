"""Founders and funding advice, on-site consulting, vacancies and training places."""
