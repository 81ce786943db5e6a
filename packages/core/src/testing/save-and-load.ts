import * as tf from '../tf.js';

/**
 * Saves a model in the tfjs layers format (topology + weights, in memory) and loads it back
 * with `tf.loadLayersModel`, as an app would from model.json: the round trip every
 * serialisable layer and encoder is tested with.
 *
 * @example
 * const loaded = await saveAndLoad(encoder);
 * expect(loaded.predict(x).dataSync()).toEqual(encoder.predict(x).dataSync());
 */
export async function saveAndLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}
