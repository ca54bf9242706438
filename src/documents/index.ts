export * from './bytes';
export * from './formats';
export * from './service';
export * from './store';
export * from './sweep';
