declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Stylesheets imported for their side effect; the build extracts them into CSS files (the CSP allows no inline styles). */
declare module '*.css';
