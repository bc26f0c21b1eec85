//! The login flow as a sans-IO state machine (owned by the login work).
