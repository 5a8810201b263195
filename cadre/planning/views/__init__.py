"""Views of the planning app, one module per part (plans and the framework here; the others in theirs)."""
