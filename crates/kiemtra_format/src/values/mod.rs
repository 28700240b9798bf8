//! Readers of the accepted forms of values (record format 1.1, *Accepted forms*).
