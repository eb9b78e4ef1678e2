/**
 * The catalogue of FOCUS item codes, by form (catalogue.ts), with where each code was seen (provenance.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./types";
export { Catalogue, catalogue, formFit, type FormFit } from "./catalogue";
export { provenance } from "./provenance";
