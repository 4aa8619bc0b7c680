// Startup benchmark: the smallest TypeScript program that needs its types removed.
const greeting: string = 'hello world';
console.log(greeting);
