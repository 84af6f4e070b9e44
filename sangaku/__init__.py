"""Sangaku: a dashboard of industry–academia–government collaboration in Japan."""
