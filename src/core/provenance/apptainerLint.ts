import { dscFindings, dscRules } from '../dockerfile/rules';
import { Finding } from '../findings';

const APPTAINER = new Set(dscRules.filter((r) => r.apptainer).map((r) => r.id));

/** The Apptainer-readiness findings of a Dockerfile (DSC022, DSC023), which the everyday lint leaves out. */
export function apptainerFindings(dockerfileText: string): Finding[] {
  return dscFindings(dockerfileText, { apptainer: true }).filter((f) => APPTAINER.has(f.code));
}
