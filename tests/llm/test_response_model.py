"""The answer model is wrapped for instructor once, and its JSON schema generated once."""

from __future__ import annotations

import json

from instructor.v2.core.response_model import prepare_response_model as instructor_prepare

from summarizer.extract.llm.answer import LLMAnswer
from summarizer.extract.llm.response_model import PREPARED_ANSWER


def test_the_prepared_model_sends_what_instructor_would_build_itself():
    assert instructor_prepare(PREPARED_ANSWER) is PREPARED_ANSWER  # not wrapped again per call
    rebuilt = instructor_prepare(LLMAnswer)
    assert PREPARED_ANSWER.__name__ == rebuilt.__name__ == "LLMAnswer"
    assert json.dumps(PREPARED_ANSWER.model_json_schema()) == json.dumps(rebuilt.model_json_schema())
    serialization = PREPARED_ANSWER.model_json_schema(mode="serialization")
    assert serialization == LLMAnswer.model_json_schema(mode="serialization")


def test_each_caller_gets_its_own_copy_of_the_schema():
    first = PREPARED_ANSWER.model_json_schema()
    first["properties"].clear()
    assert PREPARED_ANSWER.model_json_schema()["properties"]


def test_answers_parse_as_llm_answers():
    answer = PREPARED_ANSWER.model_validate_json('{"overview": "x", "achievements": [{"summary": "s", "cite": [1]}]}')
    assert isinstance(answer, LLMAnswer) and answer.achievements[0].cite == [1]
