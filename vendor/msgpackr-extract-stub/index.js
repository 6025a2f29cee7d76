// msgpackr (used by BullMQ) loads its optional native string extractor inside try/catch and falls
// back to plain JavaScript when it is missing. The real package lists per-platform binaries that
// this machine's npm registry does not carry, which leaves package-lock.json unable to satisfy
// `npm ci`. This stand-in keeps the lock complete and makes msgpackr take its JavaScript path.
throw new Error('msgpackr-extract native acceleration is not installed (pure JavaScript fallback in use)');
