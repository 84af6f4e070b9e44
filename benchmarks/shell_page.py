"""Second baseline for benchmarks/pages.py: the shared page shell (database check,
sidebar with the language switch and global filters) plus one st.dataframe, so the
figures separate what the shell costs from what a page's own content costs."""

import streamlit as st

from sangaku import ui

ui.page_setup()
st.dataframe(ui.query("browse_table", table_name="agreements"))
