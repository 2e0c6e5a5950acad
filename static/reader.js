// Placeholder until the reader script lands: nothing here is needed for reading.
