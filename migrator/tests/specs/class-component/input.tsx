import { Component } from "react";

export class Old extends Component {
  render() {
    return <p>old</p>;
  }
}
