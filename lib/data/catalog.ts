/**
 * The catalog of named datasets: what each is, its split, and the manifest files it reads
 * (as `local` paths, `<repo>/<path>`). Loaders live in registry.ts; this module has no I/O so
 * the fetch step can ask which files a dataset needs.
 *
 * Example: `datasetInfo('gsm8k-7models').files` ->
 * `['shuhao02/RouterDC/datasets/split2_model7/gsm8k-train.json', '.../gsm8k-test.json']`.
 */
import type { RewardKind } from './types';

export const DATASET_NAMES = [
  'gsm8k-7models',
  'mbpp-7models',
  'cruxeval-output',
  'cruxeval-input',
  'game24-standard',
  'game24-cot',
  'tot-text-standard',
  'tot-text-cot',
  'rewardmath-internlm2',
  'rewardmath-armorm',
  'rewardmath-skywork',
  'rewardmath-shepherd',
  'routellm-gsm8k',
  'routellm-mmlu',
  'routellm-mtbench',
  'gsm8k-gpt3-size',
  'gsm8k-gpt3-verifier',
  'mmlu-pro-llama31',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetInfo {
  name: DatasetName;
  kind: 'best-of-k' | 'routing';
  /** Reward kind of a best-of-k dataset. */
  reward?: RewardKind;
  /** 'official': the source ships a train/test split (ds.split); 'kfold': use kfold() from splits.ts. */
  split: 'official' | 'kfold';
  description: string;
  /** Manifest `local` paths the loader reads. */
  files: string[];
}

const ROUTERDC = 'shuhao02/RouterDC/datasets/split2_model7';
const CRUX = 'facebookresearch/cruxeval';
const TOT = 'princeton-nlp/tree-of-thought-llm';
const RMATH = 'kimsh0507/RewardMATH_official/results/RewardMATH';
const ROUTE = 'lm-sys/RouteLLM/routellm/evals';
const GSM = 'openai/grade-school-math/grade_school_math/data';
const MMLUPRO = 'TIGER-AI-Lab/MMLU-Pro/eval_results';

/** The 57 MMLU subjects of RouteLLM's response CSVs (`mmlu_<subject>.csv`). */
export const MMLU_SUBJECTS: readonly string[] = [
  'abstract_algebra', 'anatomy', 'astronomy', 'business_ethics', 'clinical_knowledge', 'college_biology',
  'college_chemistry', 'college_computer_science', 'college_mathematics', 'college_medicine', 'college_physics',
  'computer_security', 'conceptual_physics', 'econometrics', 'electrical_engineering', 'elementary_mathematics',
  'formal_logic', 'global_facts', 'high_school_biology', 'high_school_chemistry', 'high_school_computer_science',
  'high_school_european_history', 'high_school_geography', 'high_school_government_and_politics',
  'high_school_macroeconomics', 'high_school_mathematics', 'high_school_microeconomics', 'high_school_physics',
  'high_school_psychology', 'high_school_statistics', 'high_school_us_history', 'high_school_world_history',
  'human_aging', 'human_sexuality', 'international_law', 'jurisprudence', 'logical_fallacies', 'machine_learning',
  'management', 'marketing', 'medical_genetics', 'miscellaneous', 'moral_disputes', 'moral_scenarios', 'nutrition',
  'philosophy', 'prehistory', 'professional_accounting', 'professional_law', 'professional_medicine',
  'professional_psychology', 'public_relations', 'security_studies', 'sociology', 'us_foreign_policy', 'virology',
  'world_religions',
];

const rm = (file: string, model: string, prm = false): Omit<DatasetInfo, 'name'> => ({
  kind: 'best-of-k',
  reward: 'reranked',
  split: 'kfold',
  description: `RewardMATH: 483 MATH problems x 10 candidates (index 0 correct), reranked by ${model}${prm ? ' (process reward model; per-step scores reduced by min)' : ''}`,
  files: [`${RMATH}/${file}`],
});

const INFO: Record<DatasetName, Omit<DatasetInfo, 'name'>> = {
  'gsm8k-7models': {
    kind: 'best-of-k', reward: 'binary', split: 'official',
    description: 'GSM8K, one of 7 open 7B models (default Mistral-7B-v0.1), 10 samples at T=0.2 (RouterDC); train 1000 + test 1319',
    files: [`${ROUTERDC}/gsm8k-train.json`, `${ROUTERDC}/gsm8k-test.json`],
  },
  'mbpp-7models': {
    kind: 'best-of-k', reward: 'binary', split: 'kfold',
    description: 'MBPP (500 problems), one of the same 7 models, 10 samples, unit tests (RouterDC)',
    files: [`${ROUTERDC}/mbpp.json`],
  },
  'cruxeval-output': {
    kind: 'best-of-k', reward: 'binary', split: 'kfold',
    description: 'CRUXEval output prediction (800 functions), CodeLlama-7B, 10 samples at T=0.2',
    files: [`${CRUX}/data/cruxeval.jsonl`, `${CRUX}/samples/evaluation_results/sample_scored_codellama-7b_temp0.2_output.json`],
  },
  'cruxeval-input': {
    kind: 'best-of-k', reward: 'binary', split: 'kfold',
    description: 'CRUXEval input prediction (800 functions), CodeLlama-7B, 10 samples at T=0.2',
    files: [`${CRUX}/data/cruxeval.jsonl`, `${CRUX}/samples/evaluation_results/sample_scored_codellama-7b_temp0.2_input.json`],
  },
  'game24-standard': {
    kind: 'best-of-k', reward: 'binary', split: 'kfold',
    description: 'Game of 24 (puzzles 900-999), GPT-4 standard prompting, 100 samples at T=0.7 (Tree of Thoughts logs)',
    files: [`${TOT}/logs/game24/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json`, `${TOT}/src/tot/data/24/24.csv`],
  },
  'game24-cot': {
    kind: 'best-of-k', reward: 'binary', split: 'kfold',
    description: 'Game of 24 (puzzles 900-999), GPT-4 chain-of-thought, 100 samples at T=0.7 (Tree of Thoughts logs)',
    files: [`${TOT}/logs/game24/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json`, `${TOT}/src/tot/data/24/24.csv`],
  },
  'tot-text-standard': {
    kind: 'best-of-k', reward: 'continuous', split: 'kfold',
    description: 'Creative writing (100 prompts), GPT-4 standard, 10 passages each, reward = mean of 5 GPT-4 judge scores (1-10)',
    files: [`${TOT}/logs/text/gpt-4_1.0_naive_standard_sample_10_start0_end100.json`, `${TOT}/src/tot/data/text/data_100_random_text.txt`],
  },
  'tot-text-cot': {
    kind: 'best-of-k', reward: 'continuous', split: 'kfold',
    description: 'Creative writing (100 prompts), GPT-4 chain-of-thought, 10 passages each, reward = mean of 5 GPT-4 judge scores (1-10)',
    files: [`${TOT}/logs/text/gpt-4_1.0_naive_cot_sample_10_start0_end100.json`, `${TOT}/src/tot/data/text/data_100_random_text.txt`],
  },
  'rewardmath-internlm2': rm('internlm2_reward.json', 'InternLM2 reward model'),
  'rewardmath-armorm': rm('ArmoRM_reward.json', 'ArmoRM'),
  'rewardmath-skywork': rm('skywork_llama3_reward.json', 'Skywork-Reward-Llama-3'),
  'rewardmath-shepherd': rm('Math_Shepherd_reward.json', 'Math-Shepherd', true),
  'routellm-gsm8k': {
    kind: 'routing', split: 'kfold',
    description: 'GSM8K test (1319), Mixtral-8x7B-Instruct vs GPT-4-1106-preview, correctness (RouteLLM)',
    files: [`${ROUTE}/gsm8k/gsm8k_responses.csv`],
  },
  'routellm-mmlu': {
    kind: 'routing', split: 'kfold',
    description: 'MMLU, 57 subjects (14042), Mixtral-8x7B-Instruct vs GPT-4-1106-preview, correctness (RouteLLM); subject in meta',
    files: MMLU_SUBJECTS.map((s) => `${ROUTE}/mmlu/responses/mmlu_${s}.csv`),
  },
  'routellm-mtbench': {
    kind: 'routing', split: 'kfold',
    description: 'MT-Bench, 80 questions x 2 turns (160 queries), Mixtral-8x7B-Instruct vs GPT-4-1106-preview, GPT-4 judge score 1-10 (RouteLLM)',
    files: [`${ROUTE}/mt_bench/judgements.jsonl`, `${ROUTE}/mt_bench/question.jsonl`],
  },
  'gsm8k-gpt3-size': {
    kind: 'routing', split: 'kfold',
    description: 'GSM8K test (1319), GPT-3 6B fine-tuned vs 175B fine-tuned, one sample each, correctness (Cobbe et al. 2021)',
    files: [`${GSM}/example_model_solutions.jsonl`],
  },
  'gsm8k-gpt3-verifier': {
    kind: 'routing', split: 'kfold',
    description: 'GSM8K test (1319), GPT-3 175B fine-tuned single sample vs 175B verifier reranking 100 samples; default costs [1, 100]',
    files: [`${GSM}/example_model_solutions.jsonl`],
  },
  'mmlu-pro-llama31': {
    kind: 'routing', split: 'kfold',
    description: 'MMLU-Pro (12032), Llama-3.1-8B-Instruct vs 70B-Instruct, 5-shot CoT, correctness (null pred = wrong)',
    files: [
      `${MMLUPRO}/model_outputs_Meta-Llama-3_1-8B-Instruct_5shots.zip`,
      `${MMLUPRO}/model_outputs_Meta-Llama-3_1-70B-Instruct_5shots.zip`,
    ],
  },
};

/** True when `name` is a registered dataset name. */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/** Description, kind, split and files of a registered dataset; unknown names list the known ones. */
export function datasetInfo(name: string): DatasetInfo {
  if (!isDatasetName(name)) throw new Error(`unknown dataset ${JSON.stringify(name)}; known: ${DATASET_NAMES.join(', ')}`);
  const i = INFO[name];
  return { name, ...i, files: [...i.files] };
}
