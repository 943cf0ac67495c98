"""Writes of the accounts app. Views, the support desk, commands and the API call these."""
