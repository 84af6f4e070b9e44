"""Baseline for benchmarks/pages.py: the least a page can do with the same database,
one st.dataframe of one table through the same query layer."""

import streamlit as st

from sangaku import ui

st.dataframe(ui.query("browse_table", table_name="agreements"))
