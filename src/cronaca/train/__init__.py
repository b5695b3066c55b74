"""Trainers for optional statistical models, on data the user provides.

Nothing here is needed to run cronaca, and no trained model ships with it: a model is
as redistributable as the data it was trained on.
"""
