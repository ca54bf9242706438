export * from './bytes';
export * from './formats';
export * from './queries';
export * from './service';
export * from './store';
export * from './sweep';
