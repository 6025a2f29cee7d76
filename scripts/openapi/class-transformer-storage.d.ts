/** class-transformer ships the metadata store as cjs/storage.js with its types under types/. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
