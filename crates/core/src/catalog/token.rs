//! AL9xx: warnings about a token itself, raised by the token decoder (`crate::token`) and by the
//! log scanner when a token appears in a log. The example tokens are synthetic (fake signatures)
//! with the claim sets documented in reference §1.3/§1.7 and the Entra access-token docs.

use super::{ex, say, Entry};

const JWT_RFC: &str = "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4";
const ENTRA_LIFE: &str = "https://learn.microsoft.com/entra/identity-platform/access-tokens#token-lifetime";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL901",
        category: "other",
        area: "token",
        title: "The token had expired when it was used",
        cause: "The token's `exp` is before the time it was used (or before now, when decoding). Entra access tokens live 60-90 minutes, GitHub OIDC tokens about 5, ACR refresh tokens about 3 hours; a token cached past that is refused.",
        fix: &[say("Request a new token right before the call; cache tokens only until their own `exp` minus a margin.")],
        docs: &[JWT_RFC, ENTRA_LIFE],
        examples: &[ex(
            "debug log printing an Entra v2 access token (synthetic token, Entra v2 claim set) 65 min after its exp",
            "2024-06-03T11:30:00.1234567Z ##[debug]Using cached access token eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IkwxS2ZLRklfam5YYndXYzIyeFp4dzFzVUhIMCJ9.eyJhdWQiOiJodHRwczovL2NvbnRhaW5lcnJlZ2lzdHJ5LmF6dXJlLm5ldCIsImlzcyI6Imh0dHBzOi8vbG9naW4ubWljcm9zb2Z0b25saW5lLmNvbS83MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcvdjIuMCIsImlhdCI6MTcxNzQwNTgwMCwibmJmIjoxNzE3NDA1ODAwLCJleHAiOjE3MTc0MTAzMDAsImF6cCI6ImIxYzJkM2U0LWY1YTYtNGI3Yy04ZDllLTBmMWEyYjNjNGQ1ZSIsIm9pZCI6IjBmMWUyZDNjLTRiNWEtNDk2OC04Nzc2LWE1YjRjM2QyZTFmMCIsInN1YiI6IjBmMWUyZDNjLTRiNWEtNDk2OC04Nzc2LWE1YjRjM2QyZTFmMCIsInRpZCI6IjcyZjk4OGJmLTg2ZjEtNDFhZi05MWFiLTJkN2NkMDExZGI0NyIsInZlciI6IjIuMCJ9.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl for https://containerregistry.azure.net",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL902",
        category: "other",
        area: "token",
        title: "The token is not valid yet (clock skew)",
        cause: "The token's `nbf` (or `iat`) is in the future relative to the moment it was used: the clock of the machine that issued or checks it is off.",
        fix: &[say("Synchronise the clock (NTP) on the runner or host; GitHub back-dates `nbf` by 10 minutes, so a larger gap means a badly skewed clock.")],
        docs: &[JWT_RFC],
        examples: &[ex(
            "self-hosted runner with a slow clock logging a GitHub OIDC token (synthetic token, GitHub claim set)",
            "2024-06-03T09:40:00.0000000Z ##[debug]OIDC token: eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6InlrSXZoWXdtQVZPaTBqM2h6U1dicUFzV3RFcyIsImtpZCI6IjFGMkFCODM0MDRDMDhFQzlFQTBCQjk5REFFRDAyMTg2QjA5MURCRjQifQ.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIiwiYXVkIjoiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UiLCJzdWIiOiJyZXBvOmNvbnRvc28vYXBpOnJlZjpyZWZzL2hlYWRzL21haW4iLCJuYmYiOjE3MTc0MDg4MDAsImlhdCI6MTcxNzQwOTQwMCwiZXhwIjoxNzE3NDA5NzAwLCJyZXBvc2l0b3J5IjoiY29udG9zby9hcGkiLCJyZWYiOiJyZWZzL2hlYWRzL21haW4ifQ.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL903",
        category: "other",
        area: "token",
        title: "Token times are in milliseconds",
        cause: "`iat`/`nbf`/`exp` must be seconds since 1970 (NumericDate). Milliseconds put `exp` tens of thousands of years ahead and `nbf` far in the future, so validators refuse the token.",
        fix: &[say("Issue times in seconds (`Math.floor(Date.now() / 1000)` in JS).")],
        docs: &[JWT_RFC],
        examples: &[ex(
            "a hand-made test token (synthetic)",
            "token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguY29udG9zby5leGFtcGxlIiwiYXVkIjoiY29udG9zby1hcGkiLCJzdWIiOiJjaSIsImlhdCI6MTcxNzQwNTgwMDAwMCwiZXhwIjoxNzE3NDA5NDAwMDAwfQ.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL904",
        category: "other",
        area: "token",
        title: "Unsigned token (`alg: none`)",
        cause: "The header says `alg: none` and the signature is empty. No Entra or ACR endpoint accepts an unsigned token; it was hand-made or stripped.",
        fix: &[say("Use the token exactly as the issuer returned it (GitHub's `value`, Entra's `access_token`).")],
        docs: &["https://www.rfc-editor.org/rfc/rfc7519#section-6"],
        examples: &[ex(
            "an unsigned token pasted into a script (synthetic)",
            "export CLIENT_ASSERTION=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2F1dGguY29udG9zby5leGFtcGxlIiwiYXVkIjoiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UiLCJzdWIiOiJyZXBvOmNvbnRvc28vYXBpOnJlZjpyZWZzL2hlYWRzL21haW4iLCJpYXQiOjE3MTc0MDU4MDAsImV4cCI6MTcxNzQwNjEwMH0.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL905",
        category: "other",
        area: "token",
        title: "Malformed token (a segment does not decode)",
        cause: "One of the three dot-separated segments is not valid base64url or not JSON: the token was truncated (line wrap, a cut variable) or characters were added while copying.",
        fix: &[say("Copy the whole token (three segments, no spaces or quotes); decode it on the page to see which segment is broken.")],
        docs: &["https://www.rfc-editor.org/rfc/rfc7519#section-7.2"],
        examples: &[ex(
            "a token cut in the middle of its payload (synthetic)",
            "assertion: eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IkwxS2ZLRklfam5YYndXYzIyeFp4dzFzVUhIMCJ9.eyJhdWQiOiJodHRwczovL2NvbnRhaW5lcnJlZ.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl",
        )],
        ..Entry::BASE
    },
];
