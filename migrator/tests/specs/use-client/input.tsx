"use client";

export default function Banner() {
  return <p>hello</p>;
}
