/**
 * The contracts between stages that are not Avro records, each defined once and used by both sides:
 * bar files ({@link io.lstmsignals.schemas.contract.BarCsv}, {@link
 * io.lstmsignals.schemas.contract.BarFileName}), what makes values a bar ({@link
 * io.lstmsignals.schemas.contract.BarRules}), interval notation ({@link
 * io.lstmsignals.schemas.contract.BarInterval}), the model artifact ({@link
 * io.lstmsignals.schemas.contract.ArtifactLayout}, {@link
 * io.lstmsignals.schemas.contract.ModelCardKeys}, {@link
 * io.lstmsignals.schemas.contract.PredictionsCsv}), the model's input and output ({@link
 * io.lstmsignals.schemas.contract.ModelInput}) and the long/flat rule ({@link
 * io.lstmsignals.schemas.contract.DecisionRule}). Pure: {@code java.*} only.
 */
package io.lstmsignals.schemas.contract;
