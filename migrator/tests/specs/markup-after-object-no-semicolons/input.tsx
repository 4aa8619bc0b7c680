import { useEffect } from "react"

export function Limits({ model }: { model: string }) {
  useEffect(() => {
    console.log(model)
  }, [model])

  const limits = {
    max: model.length
  }

  return (
    <p>{limits.max}</p>
  )
}
