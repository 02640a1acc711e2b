"""Checks over the whole data set: each module holds one family of rules."""
