//! Diagnostics, like `az acr check-health` without Docker (owned by the login work).
