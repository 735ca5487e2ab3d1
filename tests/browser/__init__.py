"""Browser tests: the app served by ``fundmatch app`` and driven in headless Chromium."""
