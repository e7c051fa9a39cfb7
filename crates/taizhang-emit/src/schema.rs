//! JSON Schemas generated from the model types.
