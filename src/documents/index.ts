export * from './bytes';
export * from './formats';
export * from './multipart';
export * from './papers';
export * from './queries';
export * from './service';
export * from './store';
export * from './sweep';
