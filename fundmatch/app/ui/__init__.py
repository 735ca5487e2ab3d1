"""Small Streamlit render helpers; app.py only wires them together."""
