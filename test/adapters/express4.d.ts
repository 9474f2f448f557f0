// express4 is an npm alias of express@4.22.3 (devDependency); its API is what @types/express describes.
declare module 'express4' {
  import express from 'express'
  export default express
}
