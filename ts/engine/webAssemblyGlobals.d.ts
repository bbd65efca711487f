/**
 * The part of the WebAssembly JS API this package uses. Node has it
 * globally, but the ES and Node type libraries for Node 20 do not declare
 * it (the DOM library would, with much that Node lacks).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: Record<string, unknown>;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
}

type BufferSource = ArrayBufferView | ArrayBuffer;
