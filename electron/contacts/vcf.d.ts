// The part of the `vcf` package (node-vcf, CommonJS, no bundled types) the importer uses.
declare module 'vcf' {
  export class Property {
    /** Parameters (`type`, `encoding`, `charset`, `value`…) are own properties; `type` is lower-cased. */
    [param: string]: unknown;
    valueOf(): string;
    is(type: string): boolean;
  }
  class VCard {
    version: string;
    data: Record<string, Property | Property[]>;
    parse(text: string): VCard;
    get(key: string): Property | Property[] | undefined;
    static parse(text: string): VCard[];
    static Property: typeof Property;
  }
  export default VCard;
}
