"""The TF-IDF intent classifier as Rasa runs it: trained, persisted in Rasa's model storage, loaded
back in a new component, and refusing a stored file that holds a type skops does not trust."""

import pytest
import skops.io
from sklearn.feature_extraction.text import TfidfVectorizer

from nlu.tfidf_intent_classifier import MODEL_FILE, TfidfIntentClassifier
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

EXAMPLES = {
    "ask_phone_hours": ["när har kundservice öppet", "vilka tider kan jag ringa", "öppettider telefon"],
    "escalate": ["jag vill eskalera en order", "eskalera min beställning", "hjälp mig eskalera"],
    "greet": ["hej", "god morgon", "hallå där"],
}


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def context():
    return ExecutionContext(GraphSchema({}), "test")


def trained(storage, resource):
    config = TfidfIntentClassifier.get_default_config()
    classifier = TfidfIntentClassifier.create(config, storage, resource, context())
    messages = [Message(data={"text": text, "intent": intent}) for intent, texts in EXAMPLES.items() for text in texts]
    classifier.train(TrainingData(messages))
    return config


def classify(classifier, text):
    [message] = classifier.process([Message(data={"text": text})])
    return message


def test_a_loaded_classifier_ranks_as_the_trained_one(storage):
    resource = Resource("intents")
    config = trained(storage, resource)
    loaded = TfidfIntentClassifier.load(config, storage, resource, context())
    message = classify(loaded, "nar har ni oppet")  # typed without å, ä, ö
    assert message.get("intent")["name"] == "ask_phone_hours"
    ranking = message.get("intent_ranking")
    assert [intent["name"] for intent in ranking][0] == "ask_phone_hours"
    assert sum(intent["confidence"] for intent in ranking) == pytest.approx(1.0)


def test_a_stored_file_with_other_types_is_refused(storage):
    resource = Resource("intents")
    config = trained(storage, resource)
    with storage.write_to(resource) as directory:
        skops.io.dump(TfidfVectorizer(tokenizer=str.split), directory / MODEL_FILE)
    with pytest.raises(ValueError, match="not trusted"):
        TfidfIntentClassifier.load(config, storage, resource, context())
