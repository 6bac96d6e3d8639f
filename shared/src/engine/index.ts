export * from './book/index';
